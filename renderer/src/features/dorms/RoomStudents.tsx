// A room's students: who lives there now (bed, name, student number, phone, since when), a new
// one moving in, one moving out. The room's accounts stay whoever lives there.
import { Button, Form, Input, InputNumber, Popconfirm, Space, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RoomView, StudentView } from '../../../../shared/api/dorms';
import { officeDateTime } from '../../../../shared/officeTime';
import { useNotifyError } from '../../app/hooks';
import { useMayCall } from '../../app/permissions';
import { useMoveInMutation, useMoveOutStudentMutation, useRoomStudentsQuery } from './dormsApi';

interface NewStudent {
  name: string;
  studentNo: string;
  phone?: string;
  bed?: number;
}

export function RoomStudents({ room }: { room: RoomView }) {
  const { t } = useTranslation();
  const mayCall = useMayCall();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<NewStudent>();
  const students = useRoomStudentsQuery({ roomId: room.id });
  const [moveIn, movingIn] = useMoveInMutation();
  const [moveOut] = useMoveOutStudentMutation();
  const mayChange = mayCall('dorms.moveIn');
  return (
    <div>
      <Table<StudentView>
        rowKey="id"
        size="small"
        pagination={false}
        loading={students.isFetching}
        dataSource={students.data ?? []}
        locale={{ emptyText: t('dorms.students.none') }}
        columns={[
          {
            title: t('dorms.students.bed'),
            dataIndex: 'bed',
            width: 60,
            render: (b: number | null) => b ?? '—',
          },
          { title: t('dorms.students.name'), dataIndex: 'name' },
          { title: t('dorms.students.studentNo'), dataIndex: 'studentNo' },
          { title: t('customers.phone'), dataIndex: 'phone' },
          {
            title: t('dorms.students.since'),
            dataIndex: 'movedInAt',
            render: (at: string) => officeDateTime(at).slice(0, 10),
          },
          ...(mayChange
            ? [
                {
                  title: '',
                  key: 'out',
                  width: 80,
                  render: (_: unknown, s: StudentView) => (
                    <Popconfirm
                      title={t('dorms.students.moveOutConfirm', { name: s.name })}
                      onConfirm={async () => {
                        const result = await moveOut({ studentId: s.id });
                        if ('error' in result) notifyError(result.error);
                      }}
                    >
                      <Button size="small">{t('dorms.students.moveOut')}</Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {mayChange && (
        <Form<NewStudent>
          form={form}
          layout="inline"
          style={{ marginTop: 12, rowGap: 8 }}
          onFinish={async (v) => {
            const result = await moveIn({ roomId: room.id, ...v });
            if ('error' in result) return notifyError(result.error, form);
            form.resetFields();
          }}
        >
          <Form.Item name="name" rules={[{ required: true, message: t('common.required') }]}>
            <Input placeholder={t('dorms.students.name')} maxLength={40} style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="studentNo" rules={[{ required: true, message: t('common.required') }]}>
            <Input
              placeholder={t('dorms.students.studentNo')}
              maxLength={20}
              style={{ width: 130 }}
            />
          </Form.Item>
          <Form.Item name="phone">
            <Input placeholder={t('customers.phone')} maxLength={20} style={{ width: 130 }} />
          </Form.Item>
          <Form.Item name="bed">
            <InputNumber
              placeholder={t('dorms.students.bed')}
              min={1}
              max={room.beds || 24}
              precision={0}
              style={{ width: 80 }}
            />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={movingIn.isLoading}>
              {t('dorms.students.moveIn')}
            </Button>
          </Space>
        </Form>
      )}
    </div>
  );
}
