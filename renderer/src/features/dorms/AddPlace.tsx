// 新建校区 / 新建楼栋: a name, unique among the campuses or the campus's buildings.
import { App, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNotifyError } from '../../app/hooks';
import { FormDialog } from '../../components/FormDialog';
import { useCreateBuildingMutation, useCreateCampusMutation } from './dormsApi';

export function AddPlace({
  campusId,
  onAdded,
  onClose,
}: {
  /** The campus a new building goes on; none: a new campus. */
  campusId: number | null;
  onAdded: (id: number) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<{ name: string }>();
  const [createCampus, campus] = useCreateCampusMutation();
  const [createBuilding, building] = useCreateBuildingMutation();
  const title = campusId === null ? t('dorms.addCampus') : t('dorms.addBuilding');
  return (
    <FormDialog
      title={title}
      form={form}
      loading={campus.isLoading || building.isLoading}
      onClose={onClose}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={async ({ name }) => {
          const result =
            campusId === null
              ? await createCampus({ name })
              : await createBuilding({ campusId, name });
          if ('error' in result) return notifyError(result.error, form);
          void message.success(t('dorms.added', { name: result.data.name }));
          onAdded(result.data.id);
          onClose();
        }}
      >
        <Form.Item
          name="name"
          label={campusId === null ? t('dorms.campusName') : t('dorms.buildingName')}
          rules={[{ required: true, whitespace: true, message: t('common.required') }]}
        >
          <Input autoFocus maxLength={40} />
        </Form.Item>
      </Form>
    </FormDialog>
  );
}
